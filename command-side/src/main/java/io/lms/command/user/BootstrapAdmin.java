package io.lms.command.user;

import io.lms.api.common.Actor;
import io.lms.api.error.ErrorCode;
import io.lms.api.user.RegisterBootstrapAdminCommand;
import io.lms.command.lookup.UniqueKeyRegistry;
import io.lms.command.web.CommandSender;
import io.lms.platform.error.DomainException;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Creates the first admin from {@code LMS_ADMIN_USERNAME}, {@code LMS_ADMIN_EMAIL} and {@code LMS_ADMIN_PASSWORD}
 * when the command side starts: once, whatever the number of restarts or nodes (the username claim decides).
 */
@Component
class BootstrapAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(BootstrapAdmin.class);

    private final CommandSender commands;
    private final UniqueKeyRegistry keys;
    private final String username;
    private final String email;
    private final String password;

    BootstrapAdmin(
            CommandSender commands,
            UniqueKeyRegistry keys,
            @Value("${lms.admin.username:}") String username,
            @Value("${lms.admin.email:}") String email,
            @Value("${lms.admin.password:}") String password) {
        this.commands = commands;
        this.keys = keys;
        this.username = username;
        this.email = email;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (username.isBlank()) {
            log.info("no bootstrap admin configured (LMS_ADMIN_USERNAME is empty)");
            return;
        }
        if (email.isBlank() || password.isBlank()) {
            throw new IllegalStateException(
                    "LMS_ADMIN_USERNAME is set, so LMS_ADMIN_EMAIL and LMS_ADMIN_PASSWORD must be too");
        }
        if (keys.ownerOf(UniqueKeyRegistry.usernameKey(username)).isPresent()) {
            log.info("bootstrap admin '{}' exists already", username);
            return;
        }
        String userId = new ObjectId().toHexString();
        try {
            commands.send(
                    new RegisterBootstrapAdminCommand(userId, username, email, password),
                    userId,
                    Actor.SYSTEM.userId());
            log.info("created bootstrap admin '{}' ({})", username, userId);
        } catch (DomainException e) {
            if (e.code() == ErrorCode.USERNAME_TAKEN) {
                log.info("bootstrap admin '{}' was created by another node", username);
                return;
            }
            throw new IllegalStateException("cannot create the bootstrap admin: " + e.getMessage(), e);
        }
    }
}
