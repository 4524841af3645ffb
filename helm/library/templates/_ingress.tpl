{{/*
Optional Ingress, behind ingress.enabled; only the gateway chart includes it.
*/}}
{{- define "ticketing-lib.ingress" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- if $v.ingress.enabled -}}
{{- if lt (int (default 0 $v.trustedProxies)) 1 -}}
{{- fail "gateway-service.trustedProxies must be at least 1 with gateway-service.ingress.enabled: the ingress controller appends the visitor's address to X-Forwarded-For, and with 0 every visitor shares the controller's rate limits" -}}
{{- end -}}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
  {{- with $v.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with $v.ingress.className }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if $v.ingress.tlsSecretName }}
  tls:
    - hosts:
        - {{ required "ingress.host is required with ingress.tlsSecretName" $v.ingress.host | quote }}
      secretName: {{ $v.ingress.tlsSecretName }}
  {{- end }}
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: {{ include "ticketing-lib.fullname" . }}
                port:
                  name: http
      {{- with $v.ingress.host }}
      host: {{ . | quote }}
      {{- end }}
{{- end -}}
{{- end -}}
