import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a service, prints its beans (name and type, sorted), Axon's aggregates and event processors, and stops it:
 * two lists, one with Spring AOT and one without, should differ only in Spring's own annotation processors.
 *
 * <pre>
 * app=command-side/target/run/command-side-0.1.0-SNAPSHOT-exec.jar     # run.sh's extracted jar
 * java -Dspring.aot.enabled=true -cp $app benchmark/startup/BeanList.java io.lms.command.CommandSideApplication \
 *     --server.port=0 --spring.data.mongodb.uri=mongodb://127.0.0.1:27017/beans --lms.admin.username= \
 *     --lms.security.jwt.secret=$(head -c 32 /dev/urandom | base64) | grep -v '^20' &gt; aot.txt
 * </pre>
 */
public class BeanList {

    public static void main(String[] args) throws Exception {
        Class<?> main = Class.forName(args[0]);
        SpringApplication application = new SpringApplication(main);
        application.setMainApplicationClass(main); // AOT looks up the initializer generated for this class
        ConfigurableApplicationContext context = application.run(Arrays.copyOfRange(args, 1, args.length));
        List<String> lines = new ArrayList<>();
        for (String name : context.getBeanFactory().getBeanDefinitionNames()) {
            Class<?> type = context.getBeanFactory().getType(name);
            lines.add(withoutIdentity(name) + " " + (type == null ? "?" : withoutIdentity(type.getName())));
        }
        Collections.sort(lines);
        Configuration axon = context.getBean(Configuration.class);
        axon.findModules(AggregateConfiguration.class).stream()
                .map(a -> "aggregate " + a.aggregateType().getName() + " " + a.repository().getClass().getSimpleName())
                .sorted()
                .forEach(lines::add);
        axon.eventProcessingConfiguration().eventProcessors().entrySet().stream()
                .map(e -> "processor " + e.getKey() + " " + e.getValue().getClass().getSimpleName())
                .sorted()
                .forEach(lines::add);
        lines.forEach(System.out::println);
        context.close();
        System.exit(0);
    }

    /** Lambda classes and inner beans carry numbers that differ at every start. */
    private static String withoutIdentity(String name) {
        return name.replaceAll("\\$\\$Lambda.*$", "\\$\\$Lambda").replaceAll("#[0-9a-f]+$", "#");
    }
}
