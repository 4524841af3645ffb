{{/*
Prometheus Operator scrape of /actuator/prometheus, behind serviceMonitor.enabled. With a managementPort
it selects the "-management" Service as well as the main one, and keeps only the endpoints of the
"management" port.
*/}}
{{- define "ticketing-lib.servicemonitor" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- if $v.serviceMonitor.enabled -}}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
    {{- with $v.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  selector:
    matchLabels:
      {{- include "ticketing-lib.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: {{ include "ticketing-lib.actuatorPort" . }}
      path: /actuator/prometheus
      interval: {{ $v.serviceMonitor.interval }}
      scrapeTimeout: {{ $v.serviceMonitor.scrapeTimeout }}
{{- end -}}
{{- end -}}
