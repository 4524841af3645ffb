{{/*
CPU-based autoscaling, behind autoscaling.enabled. While it is on, the Deployment leaves
spec.replicas to the autoscaler.
*/}}
{{- define "ticketing-lib.hpa" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- if $v.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "ticketing-lib.fullname" . }}
  minReplicas: {{ max $v.autoscaling.minReplicas $v.replicaCount }}
  maxReplicas: {{ $v.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ $v.autoscaling.targetCPUUtilizationPercentage }}
  behavior:
    scaleDown:
      stabilizationWindowSeconds: 300
{{- end -}}
{{- end -}}
