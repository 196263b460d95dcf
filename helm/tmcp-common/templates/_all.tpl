{{/* Everything a service chart installs: its templates/all.yaml is this one include. */}}
{{- define "tmcp-common.all" -}}
{{- $docs := list (include "tmcp-common.deployment" .) (include "tmcp-common.service" .) (include "tmcp-common.networkpolicy" .) (include "tmcp-common.pdb" .) (include "tmcp-common.hpa" .) (include "tmcp-common.servicemonitor" .) (include "tmcp-common.prometheusrule" .) -}}
{{- range $docs }}
{{- if trim . }}
---
{{ trim . }}
{{- end }}
{{- end }}
{{- end -}}
