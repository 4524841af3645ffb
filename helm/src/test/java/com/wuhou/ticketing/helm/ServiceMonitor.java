package com.wuhou.ticketing.helm;

import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of the Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1) that the charts render. fabric8's
 * {@code openshift-model-monitoring} is not published for 8.0.0, and 7.5.2 (Jackson 2) does not bind under the 8.0.0
 * model (Jackson 3), so the fields are declared here; any other field lands in {@code additionalProperties} and is
 * reported as unknown. Add a field here when a template starts using it.
 */
@Group("monitoring.coreos.com")
@Version("v1")
final class ServiceMonitor extends CustomResource<ServiceMonitor.Spec, Void> implements Namespaced {

    @JsonAutoDetect(fieldVisibility = Visibility.ANY)
    abstract static class Open {
        @JsonAnySetter
        private final Map<String, Object> additionalProperties = new LinkedHashMap<>();
    }

    static final class Spec extends Open {
        private LabelSelector selector;
        private List<Endpoint> endpoints;
        private NamespaceSelector namespaceSelector;
        private String jobLabel;

        LabelSelector getSelector() {
            return selector;
        }

        List<Endpoint> getEndpoints() {
            return endpoints;
        }
    }

    static final class Endpoint extends Open {
        private String port;
        private String path;
        private String scheme;
        private String interval;
        private String scrapeTimeout;

        String getPort() {
            return port;
        }

        String getPath() {
            return path;
        }
    }

    static final class NamespaceSelector extends Open {
        private Boolean any;
        private List<String> matchNames;
    }
}
