{{/*
The service's Service, port "http" only: what the Ingress, a load balancer and the other services reach.
A service with a managementPort also gets "<fullname>-management", always ClusterIP, for Prometheus.
*/}}
{{- define "ticketing-lib.service" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
  {{- with $v.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $v.service.type }}
  selector:
    {{- include "ticketing-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ $v.service.port }}
      targetPort: http
      protocol: TCP
{{- if $v.managementPort }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "ticketing-lib.fullname" . | trunc 52 | trimSuffix "-" }}-management
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "ticketing-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: management
      port: {{ $v.managementPort }}
      targetPort: management
      protocol: TCP
{{- end }}
{{- end -}}
