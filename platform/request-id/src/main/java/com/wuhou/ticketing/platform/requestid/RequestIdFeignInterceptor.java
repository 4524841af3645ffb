package com.wuhou.ticketing.platform.requestid;

import feign.RequestInterceptor;
import feign.RequestTemplate;
import org.slf4j.MDC;

/** Passes the current request id on to the service called through Feign. */
public class RequestIdFeignInterceptor implements RequestInterceptor {

    @Override
    public void apply(RequestTemplate template) {
        String requestId = MDC.get(RequestId.MDC_KEY);
        template.header(RequestId.HEADER, requestId != null ? requestId : RequestId.create());
    }
}
