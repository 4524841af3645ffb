package com.wuhou.ticketing.decision;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Executive dashboard and its API, fed by one-way data sync. */
@SpringBootApplication
public class MobileDecisionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(MobileDecisionServiceApplication.class, args);
    }
}
