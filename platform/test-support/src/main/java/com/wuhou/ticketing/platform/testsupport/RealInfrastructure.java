package com.wuhou.ticketing.platform.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a Spring test against real MySQL 8.0 and Redis 6: started once per test JVM (embedded
 * servers from Maven Central, or Testcontainers when a Docker engine answers), with a fresh MySQL
 * schema and Redis database index for each test class. Nacos and Seata are switched off.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface RealInfrastructure {}
