/**
 * Which requests need which credential, decided on one canonical form of the path. The gateway and
 * every service call the same rule ({@link Access}), so a path spelled another way (percent-encoded,
 * with {@code ;} parameters, {@code //}, dot segments or another case) can never be routed as a
 * protected path while a filter reads it as a public one. Plain Java.
 */
package com.wuhou.ticketing.platform.access;
