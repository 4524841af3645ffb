{{/*
Chart name, overridable with nameOverride. Trimmed to 63 characters (DNS label limit).
*/}}
{{- define "ticketing-lib.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Fully qualified name: the release name alone when it already contains the chart name, otherwise
"<release>-<chart>"; fullnameOverride wins. Trimmed to 63 characters.
*/}}
{{- define "ticketing-lib.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
Chart name and version for the helm.sh/chart label.
*/}}
{{- define "ticketing-lib.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/*
Labels that never change for the life of a release: the Deployment selector, the Service selector,
the PDB, the topology spread constraints and the ServiceMonitor all select on these.
*/}}
{{- define "ticketing-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ include "ticketing-lib.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Common labels on every object.
*/}}
{{- define "ticketing-lib.labels" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
helm.sh/chart: {{ include "ticketing-lib.chart" . }}
{{ include "ticketing-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: {{ $v.component | default "backend" }}
app.kubernetes.io/part-of: {{ $v.partOf }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
The values a template works with: the library defaults (_defaults.tpl), overlaid by
.Values.global.workloadDefaults (platform-wide settings from the umbrella chart), overlaid by the
service chart's own values. Maps merge key by key; lists and scalars replace.
Caveat of the merge: false, 0 and "" never override a non-empty default, so every boolean default
here is false.
*/}}
{{- define "ticketing-lib.values" -}}
{{- $defaults := fromYaml (include "ticketing-lib.defaults" .) -}}
{{- $global := dig "workloadDefaults" dict (.Values.global | default dict) -}}
{{- $own := omit .Values "global" "ticketing-lib" -}}
{{- toYaml (mustMergeOverwrite $defaults (deepCopy $global) (deepCopy $own)) -}}
{{- end -}}

{{/*
The named container port that serves /actuator (probes, Prometheus): "management" when the service has
a managementPort of its own, else "http".
*/}}
{{- define "ticketing-lib.actuatorPort" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- ternary "management" "http" (gt (int $v.managementPort) 0) -}}
{{- end -}}

{{/*
The image reference: tag defaults to the chart's appVersion; a digest, when set, pins it.
*/}}
{{- define "ticketing-lib.image" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- $registry := dig "imageRegistry" "" (.Values.global | default dict) -}}
{{- $repository := ternary $v.image.repository (printf "%s/%s" $registry $v.image.repository) (empty $registry) -}}
{{- if $v.image.digest -}}
{{- printf "%s@%s" $repository $v.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository (toString ($v.image.tag | default .Chart.AppVersion)) -}}
{{- end -}}
{{- end -}}
