package com.wuhou.ticketing.checkin.verification;

import com.wuhou.ticketing.checkin.api.Verification;
import com.wuhou.ticketing.checkin.device.Device;
import com.wuhou.ticketing.checkin.pass.TicketPass;
import java.util.List;

/**
 * A scan whose credential has been checked, waiting to be decided under its tickets' locks.
 *
 * @param kind {@code QR} or {@code ID}
 * @param candidates the read model's tickets the credential names, earliest slot first (an ID number
 *     may name several; the first one the rules let through is admitted)
 * @param unmatched the answer when it names none: a bad signature, or a ticket the gates do not know
 */
record Admission(
        Device device, Verifications.Scan scan, String kind, List<TicketPass> candidates, Verification unmatched) {}
