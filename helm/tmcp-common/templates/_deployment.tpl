{{- define "tmcp-common.deployment" -}}
{{- $v := .Values -}}
{{- $actuator := include "tmcp-common.actuatorPortName" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "tmcp-common.fullname" . }}
  labels:
    {{- include "tmcp-common.labels" . | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  # Every service runs on several replicas (helm/README.md, Replicas): a rolling update keeps the old
  # pods serving until a new one is ready.
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "tmcp-common.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "tmcp-common.labels" . | nindent 8 }}
        {{- with $v.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- if or $v.metrics.scrapeAnnotations $v.podAnnotations }}
      annotations:
        {{- if $v.metrics.scrapeAnnotations }}
        prometheus.io/scrape: "true"
        prometheus.io/path: {{ $v.metrics.path | quote }}
        prometheus.io/port: {{ include "tmcp-common.actuatorPort" . | quote }}
        {{- end }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      {{- end }}
    spec:
      # The services call no Kubernetes API, and take their peers from env, not from service links.
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      securityContext:
        {{- toYaml $v.podSecurityContext | nindent 8 }}
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "tmcp-common.image" . | quote }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $v.containerPort }}
              protocol: TCP
            {{- if $v.management.enabled }}
            - name: management
              containerPort: {{ $v.management.port }}
              protocol: TCP
            {{- end }}
          env:
            # The services bind 127.0.0.1 unless told otherwise.
            - name: SERVER_ADDRESS
              value: "0.0.0.0"
            - name: SERVER_PORT
              value: {{ $v.containerPort | quote }}
            {{- if $v.management.enabled }}
            # Health and metrics on their own port (the service binds it to 127.0.0.1 by default).
            - name: MANAGEMENT_PORT
              value: {{ $v.management.port | quote }}
            - name: MANAGEMENT_SERVER_ADDRESS
              value: "0.0.0.0"
            {{- end }}
            {{- range $name, $value := fromYaml (include "tmcp-common.envMap" .) }}
            - name: {{ $name }}
              value: {{ $value | quote }}
            {{- end }}
            {{- with $v.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          envFrom:
            - secretRef:
                name: {{ include "tmcp-common.secretName" . | quote }}
                optional: {{ $v.secretOptional }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: {{ $actuator }}
            {{- toYaml $v.startupProbe | nindent 12 }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: {{ $actuator }}
            {{- toYaml $v.readinessProbe | nindent 12 }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: {{ $actuator }}
            {{- toYaml $v.livenessProbe | nindent 12 }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            {{- toYaml $v.securityContext | nindent 12 }}
          volumeMounts:
            # The root filesystem is read-only; the JVM and Netty unpack native libraries here.
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
      {{- with $v.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $v.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
