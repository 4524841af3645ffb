package com.wuhou.ticketing.platform.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.wuhou.ticketing.platform.access.Access.Needs;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class AccessTests {

    @ParameterizedTest(name = "{0} {1} needs {2}")
    @CsvSource({
        "GET, /admin/v1/ticket-types, OPERATOR_TOKEN",
        "POST, /admin/v1/devices, OPERATOR_TOKEN",
        "POST, /admin/v1/auth/login, NOTHING",
        "GET, /admin/v1/auth/login, OPERATOR_TOKEN",
        "GET, /admin, OPERATOR_TOKEN",
        "POST, /checkin/v1/verifications, DEVICE_SIGNATURE",
        "GET, /checkin/v1/offline-package, DEVICE_SIGNATURE",
        "GET, /api/v1/ticket-types, NOTHING",
        "GET, /administrator, NOTHING",
        "GET, /api/v1/orders/W1%E6%AD%A6, NOTHING",
        "GET, /, NOTHING"
    })
    void shouldNameTheCredentialOfACanonicalPath(String method, String path, Needs needs) {
        Access.Decision decision = Access.decide(method, path);

        assertThat(decision.canonical()).isTrue();
        assertThat(decision.needs()).isEqualTo(needs);
    }

    static List<String> protectedSpellings() {
        return List.of(
                "/%61dmin/v1/devices",
                "/%2561dmin/v1/devices",
                "/%252561dmin/v1/devices",
                "/admin;x/v1/ticket-types/ADULT",
                "/admin/v1;/devices",
                "//admin/v1/devices",
                "/admin//v1/devices",
                "/./admin/v1/devices",
                "/api/../admin/v1/devices",
                "/api/%2e%2e/admin/v1/devices",
                "/api/%2E%2E/admin/v1/devices",
                "/api%2f..%2fadmin/v1/devices",
                "/api\\..\\admin/v1/devices",
                "/ADMIN/v1/devices",
                "/Admin/v1/sessions",
                "/admin/v1/devices/",
                "/admin%2Fv1/devices",
                "/%63heckin/v1/verifications",
                "/CHECKIN/v1/verifications",
                "/checkin;a=b/v1/verifications",
                "/x/../checkin/v1/offline-package");
    }

    @ParameterizedTest
    @MethodSource("protectedSpellings")
    void shouldRefuseAsUnauthenticatedEveryOtherSpellingOfAProtectedPath(String path) {
        Access.Decision decision = Access.decide("POST", path);

        assertThat(decision.canonical()).isFalse();
        assertThat(decision.refusedAsUnauthenticated()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"/api//v1/orders", "/api/v1/%6Frders", "/api/./v1/orders", "/api/v1/orders;x", "/api/v1/a b"})
    void shouldRefuseOtherNonCanonicalPathsAsMalformed(String path) {
        Access.Decision decision = Access.decide("GET", path);

        assertThat(decision.canonical()).isFalse();
        assertThat(decision.refusedAsUnauthenticated()).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "/%61dmin/v1/devices, /admin/v1/devices",
        "/%2561dmin/v1/devices, /admin/v1/devices",
        "/api/x/..%2F..%2Fadmin/v1, /admin/v1",
        "/ADMIN;p/./v1//x, /admin/v1/x"
    })
    void shouldReadPathsAsLenientlyAsAnyRouterMight(String raw, String loosely) {
        assertThat(CanonicalPath.loosely(raw)).isEqualTo(loosely);
    }
}
