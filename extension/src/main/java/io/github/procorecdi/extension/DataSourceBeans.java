package io.github.procorecdi.extension;

import java.util.LinkedHashSet;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanContainer;

/**
 * A jdbc token store's data source as an application bean, for containers whose data sources are beans and not JNDI
 * entries (Quarkus: Agroal data sources are CDI beans, and Quarkus has no JNDI by default). {@code token-store.datasource}
 * is looked up in JNDI first; where JNDI has nothing bound to it, it names a {@link DataSource} bean: the bean
 * {@code @Named} so (Quarkus names each named data source's bean after it), or, for the key's default
 * {@value #DEFAULT_NAME}, the application's default {@link DataSource} bean.
 */
final class DataSourceBeans {
    /** The default of {@code token-store.datasource}: the platform's default data source. */
    static final String DEFAULT_NAME = "java:comp/DefaultDataSource";

    private DataSourceBeans() {
    }

    /** @return what is wrong when {@code name} is neither bound in JNDI nor a bean: both, as a container may have either */
    static String notFound(String name) {
        return "no data source is bound to '" + name + "' in JNDI, and no DataSource bean is "
                + (DEFAULT_NAME.equals(name) ? "the default one" : "@Named(\"" + name + "\")");
    }

    /** @return the data source bean {@code name} stands for, or {@code null} if there is none */
    static DataSource find(BeanContainer container, String name) {
        if (container == null || name == null) {
            return null;
        }
        Set<Bean<?>> beans = new LinkedHashSet<>();
        for (Bean<?> b : DEFAULT_NAME.equals(name) ? container.getBeans(DataSource.class) : container.getBeans(name)) {
            if (b.getTypes().contains(DataSource.class)) {
                beans.add(b);
            }
        }
        if (beans.isEmpty()) {
            return null;
        }
        Bean<?> bean = container.resolve(beans);
        return (DataSource) container.getReference(bean, DataSource.class, container.createCreationalContext(bean));
    }

    /**
     * @return the container's {@code jakarta.transaction.TransactionManager} bean (Quarkus' Narayana), for a data source
     *         bean's store to step out of callers' transactions; {@code null} where the JTA API is not visible or there is
     *         no such bean
     */
    static Object transactionManager(BeanContainer container) {
        if (container == null || !ApplicationConnections.visible(TRANSACTION_MANAGER)) {
            return null;
        }
        try {
            Class<?> type = Class.forName(TRANSACTION_MANAGER, false, DataSourceBeans.class.getClassLoader());
            Set<Bean<?>> beans = container.getBeans(type);
            if (beans.isEmpty()) {
                return null;
            }
            Bean<?> bean = container.resolve(beans);
            return container.getReference(bean, type, container.createCreationalContext(bean));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static final String TRANSACTION_MANAGER = "jakarta.transaction.TransactionManager";
}
