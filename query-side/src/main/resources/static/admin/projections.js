// The projections' state from GET /api/admin/projections, refreshed every 2 s. The admin's bearer token is kept in
// this tab's sessionStorage (never in the URL or a cookie); an expired or refused token is forgotten and asked for
// again. Everything from the server is written as text (textContent), never parsed as HTML.
(function () {
    'use strict';

    var TOKEN_KEY = 'lms.admin.token';
    var ENDPOINT = '../api/admin/projections';
    var REFRESH_MS = 2000;
    var timer = null;
    var refreshes = 0;

    function byId(id) {
        return document.getElementById(id);
    }

    function token() {
        return sessionStorage.getItem(TOKEN_KEY);
    }

    function askForToken(problem) {
        clearTimeout(timer);
        sessionStorage.removeItem(TOKEN_KEY);
        byId('board').hidden = true;
        byId('sign-in').hidden = false;
        byId('sign-in-problem').textContent = problem || '';
        byId('summary').textContent = 'Not signed in.';
        byId('token').focus();
    }

    function cell(row, className, text) {
        var td = document.createElement('td');
        td.className = className;
        td.textContent = text;
        row.appendChild(td);
        return td;
    }

    function replayCell(row, progress) {
        var td = cell(row, 'replay', '');
        if (progress === null || progress === undefined) {
            td.textContent = '–';
            return;
        }
        var bar = document.createElement('progress');
        bar.max = 100;
        bar.value = progress;
        var label = document.createElement('span');
        label.className = 'replay-percent';
        label.textContent = ' ' + progress.toFixed(1) + ' %';
        td.appendChild(bar);
        td.appendChild(label);
    }

    function row(p) {
        var tr = document.createElement('tr');
        tr.dataset.name = p.name;
        tr.className = 'status-' + p.status + (p.lag_events > 0 ? ' lagging' : '');
        cell(tr, 'name', p.name);
        cell(tr, 'status', p.status);
        cell(tr, 'position number', String(p.position));
        cell(tr, 'head number', String(p.head));
        cell(tr, 'lag-events number', String(p.lag_events));
        cell(tr, 'lag-seconds number', p.lag_seconds.toFixed(1));
        replayCell(tr, p.replay_progress);
        cell(tr, 'segments-here number', String(p.segments_here));
        cell(tr, 'error', p.error || '');
        return tr;
    }

    function render(projections) {
        var body = byId('projections').tBodies[0];
        var rows = document.createDocumentFragment();
        projections.forEach(function (p) {
            rows.appendChild(row(p));
        });
        body.replaceChildren(rows);
        refreshes += 1;
        var board = byId('board');
        board.dataset.refreshes = String(refreshes);
        board.hidden = false;
        byId('sign-in').hidden = true;
        byId('problem').textContent = '';
        byId('summary').textContent = projections.length + ' projections, updated '
            + new Date().toLocaleTimeString() + ', every ' + REFRESH_MS / 1000 + ' s.';
    }

    function refresh() {
        var current = token();
        if (!current) {
            askForToken();
            return;
        }
        fetch(ENDPOINT, {headers: {'Authorization': 'Bearer ' + current, 'Accept': 'application/json'}, cache: 'no-store'})
            .then(function (response) {
                if (response.status === 401) {
                    askForToken('The token is invalid or has expired: paste a new one.');
                    return null;
                }
                if (response.status === 403) {
                    askForToken('That token is not an admin\'s.');
                    return null;
                }
                if (!response.ok) {
                    throw new Error('the query side answered ' + response.status);
                }
                return response.json();
            })
            .then(function (projections) {
                if (projections) {
                    render(projections);
                    timer = setTimeout(refresh, REFRESH_MS);
                }
            })
            .catch(function (error) {
                byId('problem').textContent = 'Could not refresh: ' + error.message + '. Trying again.';
                timer = setTimeout(refresh, REFRESH_MS);
            });
    }

    function start() {
        byId('sign-in').addEventListener('submit', function (event) {
            event.preventDefault();
            var value = byId('token').value.trim();
            byId('token').value = '';
            if (value) {
                sessionStorage.setItem(TOKEN_KEY, value);
                byId('sign-in').hidden = true;
                refresh();
            }
        });
        byId('forget').addEventListener('click', function () {
            askForToken();
        });
        refresh();
    }

    start();
}());
