{{/*
The service's non-secret settings, handed to the container with envFrom. Passwords never go here:
they come from the Secrets named in global.mysql.existingSecret / global.redis.existingSecret.
*/}}
{{- define "ticketing-lib.configmap" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- $g := .Values.global | default dict -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
data:
  {{- $data := dict "SERVER_PORT" (toString $v.containerPort) "SPRING_PROFILES_ACTIVE" (dig "springProfilesActive" "k8s" $g) "JAVA_TOOL_OPTIONS" $v.javaToolOptions -}}
  {{- if has "mysql" $v.backends }}
  {{- $_ := set $data "MYSQL_HOST" (dig "mysql" "host" "" $g) -}}
  {{- $_ := set $data "MYSQL_PORT" (toString (dig "mysql" "port" 3306 $g)) -}}
  {{- $_ := set $data "MYSQL_USER" (dig "mysql" "user" "" $g) -}}
  {{- end }}
  {{- if has "redis" $v.backends }}
  {{- $_ := set $data "REDIS_HOST" (dig "redis" "host" "" $g) -}}
  {{- $_ := set $data "REDIS_PORT" (toString (dig "redis" "port" 6379 $g)) -}}
  {{- end }}
  {{- if has "nacos" $v.backends }}
  {{- $_ := set $data "NACOS_SERVER_ADDR" (dig "nacos" "serverAddr" "" $g) -}}
  {{- $_ := set $data "NACOS_NAMESPACE" (dig "nacos" "namespace" "" $g) -}}
  {{- end }}
  {{- $_ := set $data "SEATA_ENABLED" (toString (has "seata" $v.backends)) -}}
  {{- if has "seata" $v.backends }}
  {{- $_ := set $data "SEATA_SERVER_ADDR" (dig "seata" "serverAddr" "" $g) -}}
  {{- end }}
  {{- if $v.managementPort }}
  {{- $_ := set $data "MANAGEMENT_SERVER_PORT" (toString $v.managementPort) -}}
  {{- end }}
  {{- /* Only the gateway chart has this key: the proxies in front of it (rate limits per visitor). */ -}}
  {{- if hasKey $v "trustedProxies" }}
  {{- $_ := set $data "GATEWAY_TRUSTED_PROXIES" (toString $v.trustedProxies) -}}
  {{- end }}
  {{- range $key, $value := $v.env }}
  {{- $_ := set $data $key (toString $value) -}}
  {{- end }}
  {{- range $key, $value := $data }}
  {{ $key }}: {{ $value | quote }}
  {{- end }}
{{- end -}}
