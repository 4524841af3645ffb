package com.wuhou.ticketing.platform.problem;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.wuhou.ticketing.platform.requestid.RequestId;
import com.wuhou.ticketing.platform.requestid.RequestIdAutoConfiguration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest
@ContextConfiguration(classes = ProblemExceptionHandlerTests.SampleController.class)
@ImportAutoConfiguration({ProblemAutoConfiguration.class, RequestIdAutoConfiguration.class})
class ProblemExceptionHandlerTests {

    static final ErrorCode SOLD_OUT = new ErrorCode("SOLD_OUT", HttpStatus.CONFLICT, "Sold out");

    record Booking(@NotBlank String name, @Min(1) int count) {}

    @RestController
    static class SampleController {

        @GetMapping("/sold-out")
        String soldOut() {
            throw new ApiException(SOLD_OUT, "Session 7 has no capacity left");
        }

        @GetMapping("/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }

        @GetMapping("/busy")
        String busy() {
            throw new IllegalStateException(
                    "Failed to obtain JDBC Connection",
                    new java.sql.SQLTransientConnectionException("pool - Connection is not available"));
        }

        @PostMapping("/bookings")
        String book(@Valid @RequestBody Booking booking) {
            return "ok";
        }
    }

    @Autowired
    MockMvc mvc;

    @Test
    void shouldAnswerServiceCodeWithItsStatusWhenServiceThrowsApiException() throws Exception {
        mvc.perform(get("/sold-out").header(RequestId.HEADER, "req-1"))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("SOLD_OUT"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.detail").value("Session 7 has no capacity left"))
                .andExpect(jsonPath("$.type").value("https://wuhou-ticketing.example/problems/sold-out"))
                .andExpect(jsonPath("$.requestId").value("req-1"))
                .andExpect(header().string(RequestId.HEADER, "req-1"));
    }

    @Test
    void shouldAnswer422WithFieldErrorsWhenBodyIsInvalid() throws Exception {
        mvc.perform(post("/bookings").contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"\",\"count\":0}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.code").value("VALIDATION_FAILED"))
                .andExpect(jsonPath("$.errors.length()").value(2))
                .andExpect(jsonPath("$.errors[?(@.field=='name')]").exists())
                .andExpect(jsonPath("$.errors[?(@.field=='count')]").exists());
    }

    @Test
    void shouldAnswer400WhenBodyIsNotJson() throws Exception {
        mvc.perform(post("/bookings").contentType(MediaType.APPLICATION_JSON).content("{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
                .andExpect(jsonPath("$.requestId").isNotEmpty());
    }

    @Test
    void shouldAnswer404ProblemWhenPathIsUnknown() throws Exception {
        mvc.perform(get("/no/such/path"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("NOT_FOUND"));
    }

    @Test
    void shouldAnswer405ProblemWhenMethodIsWrong() throws Exception {
        mvc.perform(post("/sold-out"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    }

    @Test
    void shouldHideInternalsWhenExceptionIsUnexpected() throws Exception {
        mvc.perform(get("/boom"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL_ERROR"))
                .andExpect(jsonPath("$.detail").value("An unexpected error occurred"));
    }

    @Test
    void shouldAskToComeBackWhenNoDatabaseConnectionIsFree() throws Exception {
        mvc.perform(get("/busy"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.code").value("SERVICE_UNAVAILABLE"))
                .andExpect(jsonPath("$.detail").value("The service is busy; please try again shortly"));
    }
}
