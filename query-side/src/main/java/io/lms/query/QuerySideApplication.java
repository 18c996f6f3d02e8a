package io.lms.query;

import io.lms.platform.startup.StartupReport;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Every read of the platform: projections keep the read models current; REST serves them. */
@SpringBootApplication(scanBasePackages = {"io.lms.query", "io.lms.platform"})
public class QuerySideApplication {

    public static void main(String[] args) {
        StartupReport.install(new SpringApplication(QuerySideApplication.class)).run(args);
    }
}
