/**
 * A gate simulator: a turnstile that asks the platform while it can and keeps admitting from the day's
 * signed offline package when it cannot, journalling what it let through for upload later. Usable as a
 * library ({@link com.wuhou.ticketing.gate.Gate}) and from the command line
 * ({@link com.wuhou.ticketing.gate.GateSimulator}).
 */
package com.wuhou.ticketing.gate;
