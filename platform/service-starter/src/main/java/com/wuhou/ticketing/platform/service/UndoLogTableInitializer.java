package com.wuhou.ticketing.platform.service;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Seata's {@code undo_log} table before Seata wraps the data source.
 *
 * <p>Seata's AT proxy checks for the table while the data source bean is being built, before Flyway
 * can run, and fails start-up on a fresh schema. So the table's one definition (the platform
 * migration {@value #SCRIPT}, idempotent) is run here first; Flyway then baselines the non-empty
 * schema at version 0 and records that same migration as applied.
 */
class UndoLogTableInitializer implements BeanPostProcessor, PriorityOrdered {

    static final String SCRIPT = "db/platform/V0_1__seata_undo_log.sql";

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof DataSource dataSource && !bean.getClass().getName().startsWith("org.apache.seata")) {
            try (Connection connection = dataSource.getConnection()) {
                ScriptUtils.executeSqlScript(connection, new ClassPathResource(SCRIPT));
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot create Seata's undo_log table in " + beanName, e);
            }
        }
        return bean;
    }

    @Override
    public int getOrder() {
        // Before Seata's data source proxy creator, which has the default (lowest) order.
        return PriorityOrdered.HIGHEST_PRECEDENCE;
    }
}
