package com.wuhou.ticketing.checkin.occupancy;

import com.wuhou.ticketing.checkin.CheckinProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts the accepted IN and OUT scans of the museum day from the scan records (shared by every
 * instance, so each one answers the same), and exports them as metrics: {@code checkin.headcount}
 * per area, {@code checkin.headcount.site} and {@code checkin.headcount.alert} (1 from the configured
 * share of the site's capacity on).
 */
@Component
public class Headcount {

    private static final ZoneId MUSEUM = ZoneId.of("Asia/Shanghai");

    private final JdbcTemplate jdbc;
    private final CheckinProperties properties;
    private final Clock clock;
    private final MultiGauge byArea;
    private final AtomicReference<Occupancy> last = new AtomicReference<>();

    Headcount(JdbcTemplate jdbc, CheckinProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.byArea = MultiGauge.builder("checkin.headcount")
                .description("Visitors inside an area now (accepted IN minus OUT scans today)")
                .register(meters);
        Gauge.builder("checkin.headcount.site", this, h -> h.current().headcount())
                .description("Visitors inside the site now")
                .register(meters);
        Gauge.builder("checkin.headcount.alert", this, h -> h.current().alert() ? 1 : 0)
                .description("1 once the headcount reached the alert share of the site's capacity")
                .register(meters);
    }

    /** Counted now. */
    public Occupancy now() {
        LocalDate today = LocalDate.now(clock.withZone(MUSEUM));
        Timestamp from = Timestamp.valueOf(
                today.atStartOfDay(MUSEUM).withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        List<Occupancy.Area> areas = jdbc.query(
                "SELECT area, SUM(CASE direction WHEN 'IN' THEN 1 ELSE -1 END) AS inside FROM scan"
                        + " WHERE result = 'ACCEPTED' AND received_at >= ? GROUP BY area ORDER BY area",
                (rs, row) -> new Occupancy.Area(rs.getString("area"), Math.max(0, rs.getLong("inside"))),
                from);
        long site = areas.stream().mapToLong(Occupancy.Area::headcount).sum();
        int capacity = properties.siteCapacity();
        boolean alert = capacity > 0 && site >= Math.ceil(capacity * properties.alertAt());
        Occupancy occupancy = new Occupancy(today, site, capacity, alert, areas);
        last.set(occupancy);
        return occupancy;
    }

    /** Refreshes the metrics every few seconds. */
    @Scheduled(fixedDelayString = "${ticketing.checkin.headcount-refresh:5s}")
    public void refresh() {
        Occupancy occupancy = now();
        byArea.register(
                occupancy.areas().stream()
                        .map(a -> MultiGauge.Row.of(Tags.of("area", a.area()), a.headcount()))
                        .toList(),
                true);
    }

    private Occupancy current() {
        Occupancy occupancy = last.get();
        return occupancy == null ? now() : occupancy;
    }
}
