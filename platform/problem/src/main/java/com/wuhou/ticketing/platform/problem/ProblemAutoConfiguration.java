package com.wuhou.ticketing.platform.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Applies the problem details handling the same way in every servlet service. */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
public class ProblemAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler")
    static class Mvc {

        @Bean
        ProblemExceptionHandler problemExceptionHandler() {
            return new ProblemExceptionHandler();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "feign.codec.ErrorDecoder")
    static class Feign {

        @Bean
        ProblemErrorDecoder problemErrorDecoder(ObjectMapper objectMapper) {
            return new ProblemErrorDecoder(objectMapper);
        }
    }
}
