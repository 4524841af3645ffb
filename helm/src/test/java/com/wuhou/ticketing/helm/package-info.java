/**
 * Tests that render the Helm charts under {@code helm/} with helm-java and check every rendered object, and
 * the cluster-level manifests under {@code k8s/}, with the fabric8 Kubernetes model.
 */
package com.wuhou.ticketing.helm;
