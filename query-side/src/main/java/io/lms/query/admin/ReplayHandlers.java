package io.lms.query.admin;

import io.lms.query.support.ReadModelCollections;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.stereotype.Component;

/**
 * Fresh instances of one processing group's event handlers whose read models write to shadow collections. They
 * are made by Spring in a child context of the application's, from the same bean definitions: every handler of
 * the group, and every bean between a handler and {@link ReadModelCollections} (read models, their writers), is
 * made again there, under its own name, so that it hides the live one; the child's {@link ReadModelCollections} is
 * a shadow. Beans that do not reach {@link ReadModelCollections} are shared with the application. So no handler or
 * read model declares anything for replays, and the collections a group owns are those its fresh read models ask
 * for ({@link Built#collections()}).
 */
@Component
class ReplayHandlers {

    private final ConfigurableApplicationContext application;

    ReplayHandlers(ConfigurableApplicationContext application) {
        this.application = application;
    }

    /** The fresh handlers, the collections they own (live names), and the context to close once done. */
    record Built(List<Object> handlers, Set<String> collections, GenericApplicationContext context)
            implements AutoCloseable {

        @Override
        public void close() {
            context.close();
        }
    }

    /** Whether the application has handlers of this processing group. */
    boolean hasGroup(String group) {
        return !handlerNames(group).isEmpty();
    }

    Built build(String group, ReadModelCollections shadow) {
        ConfigurableListableBeanFactory beans = application.getBeanFactory();
        List<String> handlers = handlerNames(group);
        String collectionsBean = application.getBeanNamesForType(ReadModelCollections.class)[0];
        Set<String> fresh = new LinkedHashSet<>();
        Map<String, Boolean> reaches = new HashMap<>();
        for (String handler : handlers) {
            collectDependents(handler, collectionsBean, beans, reaches, fresh);
            fresh.add(handler);
        }
        GenericApplicationContext child = new GenericApplicationContext();
        child.setParent(application);
        child.setClassLoader(application.getClassLoader());
        AnnotationConfigUtils.registerAnnotationConfigProcessors(child);
        child.registerBean(collectionsBean, ReadModelCollections.class, () -> shadow);
        for (String name : fresh) {
            child.registerBeanDefinition(
                    name, new RootBeanDefinition((RootBeanDefinition) beans.getMergedBeanDefinition(name)));
        }
        try {
            child.refresh();
            List<Object> made = new ArrayList<>();
            handlers.forEach(name -> made.add(child.getBean(name)));
            return new Built(made, shadow.named(), child);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** Whether {@code name} leads to {@code target}; every bean on the way is added to {@code fresh}. */
    private static boolean collectDependents(
            String name,
            String target,
            ConfigurableListableBeanFactory beans,
            Map<String, Boolean> reaches,
            Set<String> fresh) {
        Boolean known = reaches.get(name);
        if (known != null) {
            return known;
        }
        reaches.put(name, false); // a cycle does not reach it through itself
        boolean found = false;
        for (String dependency : beans.getDependenciesForBean(name)) {
            if (dependency.equals(target)) {
                found = true;
            } else if (beans.containsBeanDefinition(dependency)
                    && collectDependents(dependency, target, beans, reaches, fresh)) {
                found = true;
            }
        }
        reaches.put(name, found);
        if (found) {
            fresh.add(name);
        }
        return found;
    }

    private List<String> handlerNames(String group) {
        return Arrays.stream(application.getBeanNamesForAnnotation(ProcessingGroup.class))
                .filter(name -> {
                    ProcessingGroup annotation = application.findAnnotationOnBean(name, ProcessingGroup.class);
                    return annotation != null && group.equals(annotation.value());
                })
                .sorted()
                .toList();
    }
}
