{{/*
Shared helpers. Every template here runs in the context of the service chart that includes it:
.Chart is the service's chart, .Values its values (with .Values.global from the umbrella chart).
*/}}

{{/* Name of the Deployment and Service: the chart name, so that other services reach it as http://<chart>:<port>. */}}
{{- define "tmcp-common.fullname" -}}
{{- default .Chart.Name .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tmcp-common.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* On every object and on the pods: the other services' NetworkPolicies admit pods labelled part-of: tmcp-suite. */}}
{{- define "tmcp-common.labels" -}}
{{ include "tmcp-common.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: tmcp-suite
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "tmcp-common.global" -}}
{{- toYaml (.Values.global | default dict) -}}
{{- end -}}

{{/* TMCP_ISSUER: global.issuer, else the chart's env.TMCP_ISSUER. */}}
{{- define "tmcp-common.issuer" -}}
{{- $g := fromYaml (include "tmcp-common.global" .) -}}
{{- $g.issuer | default (index (.Values.env | default dict) "TMCP_ISSUER") | default "" -}}
{{- end -}}

{{/* <registry>/<repository>:<tag>; registry and tag from global.image when set there, else the chart's, tag last from appVersion. */}}
{{- define "tmcp-common.image" -}}
{{- $g := fromYaml (include "tmcp-common.global" .) -}}
{{- $gi := $g.image | default dict -}}
{{- $registry := $gi.registry | default .Values.image.registry -}}
{{- $tag := $gi.tag | default .Values.image.tag | default .Chart.AppVersion -}}
{{- if $registry -}}
{{- printf "%s/%s:%s" (trimSuffix "/" $registry) .Values.image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* The Secret loaded with envFrom: secretName, else <global.secretPrefix or "tmcp">-<chart>. */}}
{{- define "tmcp-common.secretName" -}}
{{- $g := fromYaml (include "tmcp-common.global" .) -}}
{{- .Values.secretName | default (printf "%s-%s" ($g.secretPrefix | default "tmcp") .Chart.Name) -}}
{{- end -}}

{{/* The named container port that serves /actuator/health and /actuator/prometheus. */}}
{{- define "tmcp-common.actuatorPortName" -}}
{{- if .Values.management.enabled -}}management{{- else -}}http{{- end -}}
{{- end -}}

{{- define "tmcp-common.actuatorPort" -}}
{{- if .Values.management.enabled -}}{{ .Values.management.port }}{{- else -}}{{ .Values.containerPort }}{{- end -}}
{{- end -}}

{{/*
The plain environment as a map: the chart's env, each key overridden by global.env when the umbrella
sets it there (global.env never adds a key the chart does not list), TMCP_ISSUER by global.issuer,
and "{issuer}" in any value replaced by the issuer.
*/}}
{{- define "tmcp-common.envMap" -}}
{{- $g := fromYaml (include "tmcp-common.global" .) -}}
{{- $genv := $g.env | default dict -}}
{{- $issuer := include "tmcp-common.issuer" . -}}
{{- $out := dict -}}
{{- range $name, $value := .Values.env -}}
{{- if not (kindIs "invalid" $value) -}}
{{- if has $name (list "SERVER_ADDRESS" "SERVER_PORT" "MANAGEMENT_PORT" "MANAGEMENT_SERVER_ADDRESS") -}}
{{- fail (printf "env.%s is set by the chart (containerPort, management.port)" $name) -}}
{{- end -}}
{{- $v := toString $value -}}
{{- if hasKey $genv $name -}}{{- $v = toString (index $genv $name) -}}{{- end -}}
{{- if eq $name "TMCP_ISSUER" -}}{{- $v = $issuer -}}{{- end -}}
{{- $_ := set $out $name (replace "{issuer}" $issuer $v) -}}
{{- end -}}
{{- end -}}
{{- range $name, $value := fromYaml (include "tmcp-common.tracingEnv" .) -}}
{{- if eq $name "JAVA_TOOL_OPTIONS" -}}{{- $value = trim (printf "%s %s" (get $out $name | default "") $value) -}}{{- end -}}
{{- $_ := set $out $name $value -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}

{{/* tracing: the chart's, each key replaced by global.tracing's when the umbrella sets it. */}}
{{- define "tmcp-common.tracing" -}}
{{- $g := fromYaml (include "tmcp-common.global" .) -}}
{{- toYaml (merge (deepCopy ($g.tracing | default dict)) (deepCopy (.Values.tracing | default dict))) -}}
{{- end -}}

{{/*
The environment that attaches the image's OpenTelemetry javaagent (/opt/otel, decision 0047) when
tracing.enabled: -javaagent (appended to the chart's JAVA_TOOL_OPTIONS), OTEL_SERVICE_NAME (the chart
name), the exporter and its endpoint, W3C trace context and baggage, and only the instrumentations listed.
*/}}
{{- define "tmcp-common.tracingEnv" -}}
{{- $t := fromYaml (include "tmcp-common.tracing" .) -}}
{{- $out := dict -}}
{{- if $t.enabled -}}
{{- if not $t.endpoint -}}{{- fail "tracing.endpoint is required when tracing.enabled" -}}{{- end -}}
{{- $_ := set $out "JAVA_TOOL_OPTIONS" "-javaagent:/opt/otel/opentelemetry-javaagent.jar" -}}
{{- $_ := set $out "OTEL_SERVICE_NAME" .Chart.Name -}}
{{- $_ := set $out "OTEL_TRACES_EXPORTER" $t.exporter -}}
{{- $_ := set $out "OTEL_METRICS_EXPORTER" "none" -}}
{{- $_ := set $out "OTEL_LOGS_EXPORTER" "none" -}}
{{- $_ := set $out "OTEL_PROPAGATORS" "tracecontext,baggage" -}}
{{- $_ := set $out "OTEL_TRACES_SAMPLER" "parentbased_traceidratio" -}}
{{- $_ := set $out "OTEL_TRACES_SAMPLER_ARG" (toString (ternary 1.0 $t.sampleRatio (kindIs "invalid" $t.sampleRatio))) -}}
{{- $_ := set $out "OTEL_INSTRUMENTATION_LOGBACK_MDC_ADD_BAGGAGE" "true" -}}
{{- if eq $t.exporter "zipkin" -}}
{{- $_ := set $out "OTEL_JAVAAGENT_EXTENSIONS" "/opt/otel/extensions" -}}
{{- $_ := set $out "OTEL_EXPORTER_ZIPKIN_ENDPOINT" $t.endpoint -}}
{{- else -}}
{{- $_ := set $out "OTEL_EXPORTER_OTLP_ENDPOINT" $t.endpoint -}}
{{- end -}}
{{- with $t.instrumentations -}}
{{- $_ := set $out "OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED" "false" -}}
{{- range . -}}
{{- $_ := set $out (printf "OTEL_INSTRUMENTATION_%s_ENABLED" (upper (replace "." "_" (replace "-" "_" .)))) "true" -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $out -}}
{{- end -}}
