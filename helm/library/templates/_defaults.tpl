{{/*
Defaults of every ticketing service. A service chart's values.yaml overrides what differs for that
service; the umbrella chart's global.workloadDefaults overrides them platform-wide.
Keep every boolean default false (see "ticketing-lib.values").
*/}}
{{- define "ticketing-lib.defaults" -}}
partOf: ticketing
component: backend
image:
  repository: ""
  tag: ""
  digest: ""
  pullPolicy: IfNotPresent
imagePullSecrets: []
replicaCount: 2
containerPort: 8080
# The actuator's own port (MANAGEMENT_SERVER_PORT), for probes and Prometheus only: never on the
# Service that the Ingress or a load balancer routes. 0 = the actuator answers on containerPort.
managementPort: 0
priorityClassName: ""
podSecurityContext:
  runAsUser: 10001
  runAsGroup: 10001
  fsGroup: 10001
tmpSizeLimit: 256Mi
terminationGracePeriodSeconds: 45
backends: [mysql, redis, nacos, seata, operator-token-verifier]
javaToolOptions: "-XX:MaxRAMPercentage=70 -XX:+ExitOnOutOfMemoryError"
env: {}
resources:
  requests:
    cpu: 250m
    memory: 768Mi
  limits:
    cpu: "1"
    memory: 1Gi
probes:
  startup:
    periodSeconds: 5
    timeoutSeconds: 3
    failureThreshold: 36
  liveness:
    periodSeconds: 10
    timeoutSeconds: 3
    failureThreshold: 3
  readiness:
    periodSeconds: 5
    timeoutSeconds: 3
    failureThreshold: 3
topologySpread:
  zone:
    maxSkew: 1
    whenUnsatisfiable: ScheduleAnyway
  hostname:
    maxSkew: 1
    whenUnsatisfiable: ScheduleAnyway
pdb:
  minAvailable: 1
  maxUnavailable: ""
autoscaling:
  enabled: false
  minReplicas: 2
  maxReplicas: 6
  targetCPUUtilizationPercentage: 70
serviceMonitor:
  enabled: false
  interval: 30s
  scrapeTimeout: 10s
  labels: {}
service:
  type: ClusterIP
  port: 8080
  annotations: {}
ingress:
  enabled: false
  className: ""
  annotations: {}
  host: ""
  tlsSecretName: ""
nodeSelector: {}
tolerations: []
affinity: {}
podAnnotations: {}
{{- end -}}
