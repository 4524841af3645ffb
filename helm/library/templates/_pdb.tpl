{{/*
Voluntary disruptions (node drains, zone maintenance) never take the service below minAvailable;
maxUnavailable, when set, is used instead (handy with a single replica).
*/}}
{{- define "ticketing-lib.pdb" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
spec:
  {{- if $v.pdb.maxUnavailable }}
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  {{- else }}
  minAvailable: {{ $v.pdb.minAvailable }}
  {{- end }}
  unhealthyPodEvictionPolicy: AlwaysAllow
  selector:
    matchLabels:
      {{- include "ticketing-lib.selectorLabels" . | nindent 6 }}
{{- end -}}
