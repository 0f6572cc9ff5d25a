package io.github.procorecdi.extension;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;
import jakarta.enterprise.inject.spi.BeanManager;

/**
 * The application's beans that procore-cdi looks up by name or type ({@code @Named} token stores, the subject resolver),
 * as CDI announced them during discovery ({@code ProcessBean}). Looking them up through the extension's own
 * {@link BeanManager} alone is not enough: on Payara the bean archive of a {@code WEB-INF/lib} jar (procore-cdi's) does
 * not see the beans of {@code WEB-INF/classes}, so {@code getBeans} there finds none of the application's.
 */
final class DiscoveredBeans {
    private final java.util.List<Bean<?>> beans = new CopyOnWriteArrayList<>();

    /** Records a bean CDI discovered. */
    void add(Bean<?> bean) {
        beans.add(bean);
    }

    /** @return the beans named {@code name}: those {@code manager} resolves, else those discovered with that name */
    Set<Bean<?>> named(BeanContainer manager, String name) {
        Set<Bean<?>> found = manager.getBeans(name);
        if (!found.isEmpty()) {
            return found;
        }
        Set<Bean<?>> discovered = new LinkedHashSet<>();
        for (Bean<?> b : beans) {
            if (name.equals(b.getName())) {
                discovered.add(b);
            }
        }
        return discovered;
    }

    /** @return the beans of {@code type} with qualifier {@code @Default}: those {@code manager} resolves, else those discovered */
    Set<Bean<?>> ofType(BeanContainer manager, Class<?> type) {
        Set<Bean<?>> found = manager.getBeans(type);
        if (!found.isEmpty()) {
            return found;
        }
        Set<Bean<?>> discovered = new LinkedHashSet<>();
        for (Bean<?> b : beans) {
            if (b.getTypes().contains(type) && b.getQualifiers().stream()
                    .anyMatch(q -> q.annotationType() == jakarta.enterprise.inject.Default.class)) {
                discovered.add(b);
            }
        }
        return discovered;
    }
}
