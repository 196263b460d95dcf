{{/* With replicaCount > 1, an HPA whose minimum is > 1, or pdb.enabled. */}}
{{- define "tmcp-common.pdb" -}}
{{- $v := .Values -}}
{{- if or $v.pdb.enabled (gt (int $v.replicaCount) 1) (and $v.autoscaling.enabled (gt (int $v.autoscaling.minReplicas) 1)) }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "tmcp-common.fullname" . }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
spec:
  {{- if not (kindIs "invalid" $v.pdb.minAvailable) }}
  minAvailable: {{ $v.pdb.minAvailable }}
  {{- else }}
  maxUnavailable: {{ $v.pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "tmcp-common.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}
