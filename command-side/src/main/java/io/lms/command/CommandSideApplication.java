package io.lms.command;

import io.lms.platform.startup.StartupReport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Every state change of the platform: REST commands in, events into the MongoDB event store. */
@SpringBootApplication(scanBasePackages = {"io.lms.command", "io.lms.platform"})
public class CommandSideApplication {

    public static void main(String[] args) {
        StartupReport.install(new SpringApplication(CommandSideApplication.class))
                .run(args);
    }
}
