#!/usr/bin/env python3
"""Where a service's start-up time goes, from the file StartupReport writes (-Dlms.startup.report=FILE or a folder).

Usage: benchmark/startup/breakdown.py REPORT.tsv [REPORT2.tsv ...]
Prints, per report: the top-level steps, the self time of the beans created during the context refresh by
category (Spring Security, Axon, MongoDB and index creation, the web server, actuator, the application's own
beans, the rest of Spring), the refresh's own time (starting Tomcat, Axon's processors and other lifecycle beans),
and the 15 costliest beans. Self time: a step's duration less the steps inside it, so nothing is counted twice.
"""
import collections
import sys


def category(tags):
    name = tags.get("beanName", "")
    kind = tags.get("beanType", "")
    text = (name + " " + kind).lower()
    if any(k in text for k in ("readmodel", "refreshtokenstore", "indexversions", "credentialstore", "uniquekey")):
        return "index creation (read models, stores)"
    if "catalogmirror" in text:
        return "catalog mirror"
    if "security" in text or "jwt" in text or "oauth2" in text:
        return "Spring Security"
    if "axon" in text or "eventstor" in text or "tokenstore" in text or "sagastore" in text or "serializer" in text \
            or "processor" in text and "io.lms" in text or "projection" in text or "commandbus" in text \
            or "eventbus" in text or "querybus" in text or "aggregate" in text:
        return "Axon configuration"
    if "mongo" in text:
        return "MongoDB client"
    if "tomcat" in text or "webserver" in text or "servlet" in text or "dispatcher" in text or "webmvc" in text \
            or "mvc" in text or "requestmapping" in text or "jackson" in text or "http" in text:
        return "web (Tomcat, MVC, Jackson)"
    if "actuat" in text or "health" in text or "metrics" in text or "management" in text or "observation" in text:
        return "actuator, metrics"
    if "io.lms" in text:
        return "application beans"
    return "other Spring beans"


def report(path):
    steps = {}
    for line in open(path, encoding="utf-8").read().splitlines()[1:]:
        sid, parent, name, tags, ms, self_ms = line.split("\t")
        tags = dict(t.split("=", 1) for t in tags.split(";") if "=" in t)
        steps[sid] = (parent, name, tags, int(ms), int(self_ms))
    print(f"== {path}")
    print("top-level steps (ms):")
    for sid, (parent, name, tags, ms, self_ms) in steps.items():
        if not parent:
            print(f"  {ms:7d}  {name}")
    by_cat = collections.Counter()
    beans = []
    refresh_self = 0
    other = collections.Counter()
    for sid, (parent, name, tags, ms, self_ms) in steps.items():
        if name == "spring.beans.instantiate":
            by_cat[category(tags)] += self_ms
            beans.append((self_ms, tags.get("beanName", "?")))
        elif name == "spring.context.refresh":
            refresh_self += self_ms
        elif parent:
            other[name] += self_ms
    print("bean creation, self time by category (ms):")
    for cat, ms in by_cat.most_common():
        print(f"  {ms:7d}  {cat}")
    print(f"  {refresh_self:7d}  refresh itself: starting Tomcat, Axon's processors, other lifecycle beans")
    for name, ms in other.most_common(6):
        print(f"  {ms:7d}  {name}")
    print("costliest beans (self ms):")
    for ms, name in sorted(beans, reverse=True)[:15]:
        print(f"  {ms:7d}  {name}")


for p in sys.argv[1:]:
    report(p)
