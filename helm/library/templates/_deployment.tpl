{{/*
The service Deployment with the platform's pod defaults: non-root, read-only root filesystem with an
emptyDir for /tmp, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp, no
service account token, probes on the actuator health groups (on the management port when the service
has one), zone and node spread.
*/}}
{{- define "ticketing-lib.deployment" -}}
{{- $v := fromYaml (include "ticketing-lib.values" .) -}}
{{- $g := .Values.global | default dict -}}
{{- $actuatorPort := include "ticketing-lib.actuatorPort" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "ticketing-lib.fullname" . }}
  labels:
    {{- include "ticketing-lib.labels" . | nindent 4 }}
spec:
  {{- if not $v.autoscaling.enabled }}
  replicas: {{ $v.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "ticketing-lib.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "ticketing-lib.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ include "ticketing-lib.configmap" . | sha256sum }}
        {{- with $v.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $v.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- with $v.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      terminationGracePeriodSeconds: {{ $v.terminationGracePeriodSeconds }}
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ $v.podSecurityContext.runAsUser }}
        runAsGroup: {{ $v.podSecurityContext.runAsGroup }}
        fsGroup: {{ $v.podSecurityContext.fsGroup }}
        seccompProfile:
          type: RuntimeDefault
      topologySpreadConstraints:
        - topologyKey: topology.kubernetes.io/zone
          maxSkew: {{ $v.topologySpread.zone.maxSkew }}
          whenUnsatisfiable: {{ $v.topologySpread.zone.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "ticketing-lib.selectorLabels" . | nindent 14 }}
          matchLabelKeys:
            - pod-template-hash
        - topologyKey: kubernetes.io/hostname
          maxSkew: {{ $v.topologySpread.hostname.maxSkew }}
          whenUnsatisfiable: {{ $v.topologySpread.hostname.whenUnsatisfiable }}
          labelSelector:
            matchLabels:
              {{- include "ticketing-lib.selectorLabels" . | nindent 14 }}
          matchLabelKeys:
            - pod-template-hash
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
      containers:
        - name: {{ include "ticketing-lib.name" . }}
          image: {{ include "ticketing-lib.image" . }}
          imagePullPolicy: {{ $v.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ $v.containerPort }}
              protocol: TCP
            {{- if $v.managementPort }}
            - name: management
              containerPort: {{ $v.managementPort }}
              protocol: TCP
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "ticketing-lib.fullname" . }}
          {{- $mysqlSecret := dig "mysql" "existingSecret" "" $g }}
          {{- $redisSecret := dig "redis" "existingSecret" "" $g }}
          {{- $authSecret := dig "operatorAuth" "existingSecret" "" $g }}
          {{- $signer := and (has "operator-token-signer" $v.backends) $authSecret }}
          {{- $verifier := and (has "operator-token-verifier" $v.backends) $authSecret }}
          {{- $orderKeys := and (has "order-keys" $v.backends) (dig "orderKeys" "existingSecret" "" $g) }}
          {{- $signingKeys := and (has "signing-keys" $v.backends) (dig "signingKeys" "existingSecret" "" $g) }}
          {{- $ticketVerifier := and (has "ticket-verifier" $v.backends) (dig "orderKeys" "existingSecret" "" $g) }}
          {{- if or (and (has "mysql" $v.backends) $mysqlSecret) (and (has "redis" $v.backends) $redisSecret) $signer $verifier $orderKeys $signingKeys $ticketVerifier }}
          env:
            {{- if and (has "mysql" $v.backends) $mysqlSecret }}
            - name: MYSQL_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $mysqlSecret }}
                  key: {{ dig "mysql" "existingSecretPasswordKey" "mysql-password" $g }}
            {{- end }}
            {{- if and (has "redis" $v.backends) $redisSecret }}
            - name: REDIS_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ $redisSecret }}
                  key: {{ dig "redis" "existingSecretPasswordKey" "redis-password" $g }}
            {{- end }}
            {{- if $signer }}
            {{- range $name, $key := dict "OPERATOR_TOKEN_PRIVATE_KEY" "token-private-key" "BOOTSTRAP_OPERATOR_USERNAME" "bootstrap-username" "BOOTSTRAP_OPERATOR_PASSWORD" "bootstrap-password" }}
            - name: {{ $name }}
              valueFrom:
                secretKeyRef:
                  name: {{ $authSecret }}
                  key: {{ $key }}
            {{- end }}
            {{- end }}
            {{- if $verifier }}
            - name: OPERATOR_TOKEN_PUBLIC_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ $authSecret }}
                  key: token-public-key
            {{- end }}
            {{- if $orderKeys }}
            {{- range $name, $key := dict "VISITOR_HASH_KEY" "visitor-hash-key" "ORDER_TOKEN_KEY" "order-token-key" "TICKET_SIGNING_PRIVATE_KEY" "ticket-signing-private-key" "TICKET_SIGNING_PUBLIC_KEY" "ticket-signing-public-key" }}
            - name: {{ $name }}
              valueFrom:
                secretKeyRef:
                  name: {{ $orderKeys }}
                  key: {{ $key }}
            {{- end }}
            - name: SANDBOX_PAYMENT_SECRET
              valueFrom:
                secretKeyRef:
                  name: {{ $orderKeys }}
                  key: sandbox-payment-secret
                  optional: true
            {{- end }}
            {{- if $ticketVerifier }}
            {{- range $name, $key := dict "VISITOR_HASH_KEY" "visitor-hash-key" "TICKET_SIGNING_PUBLIC_KEY" "ticket-signing-public-key" }}
            - name: {{ $name }}
              valueFrom:
                secretKeyRef:
                  name: {{ $ticketVerifier }}
                  key: {{ $key }}
            {{- end }}
            {{- end }}
            {{- if $signingKeys }}
            - name: SIGNING_KEY_ENCRYPTION_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ $signingKeys }}
                  key: signing-key-encryption-key
            {{- end }}
          {{- end }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: {{ $actuatorPort }}
            periodSeconds: {{ $v.probes.startup.periodSeconds }}
            timeoutSeconds: {{ $v.probes.startup.timeoutSeconds }}
            failureThreshold: {{ $v.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: {{ $actuatorPort }}
            periodSeconds: {{ $v.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $v.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $v.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: {{ $actuatorPort }}
            periodSeconds: {{ $v.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $v.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $v.probes.readiness.failureThreshold }}
          resources:
            {{- toYaml $v.resources | nindent 12 }}
          securityContext:
            runAsNonRoot: true
            runAsUser: {{ $v.podSecurityContext.runAsUser }}
            runAsGroup: {{ $v.podSecurityContext.runAsGroup }}
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            privileged: false
            capabilities:
              drop:
                - ALL
            seccompProfile:
              type: RuntimeDefault
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $v.tmpSizeLimit }}
{{- end -}}
