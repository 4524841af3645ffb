package com.wuhou.ticketing.platform.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class ErrorCodeTests {

    @Test
    void shouldRefuseCodesThatAreNotUpperSnake() {
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorCode("soldOut", HttpStatus.CONFLICT, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorCode("SOLD__OUT", HttpStatus.CONFLICT, "x"));
        assertThatIllegalArgumentException().isThrownBy(() -> new ErrorCode("SOLD_OUT", HttpStatus.CONFLICT, " "));
    }

    @Test
    void shouldMapBareStatusesToCommonCodes() {
        assertThat(CommonErrorCode.forStatus(404)).isSameAs(CommonErrorCode.NOT_FOUND);
        assertThat(CommonErrorCode.forStatus(502)).isSameAs(CommonErrorCode.INTERNAL_ERROR);
        assertThat(CommonErrorCode.forStatus(418)).isSameAs(CommonErrorCode.MALFORMED_REQUEST);
    }
}
