# pid1 in front of an existing image's program. pidbox comes from the image that
# docs/examples/Dockerfile builds (docker build ... -t pidbox .).
FROM pidbox AS pidbox

FROM nginx:1.27-bookworm
COPY --from=pidbox /sbin/pidbox /sbin/pid1
# nginx shuts down gracefully on QUIT; Docker and Kubernetes send TERM: pid1 rewrites it.
ENTRYPOINT ["/sbin/pid1", "--rewrite", "TERM:QUIT", "--"]
CMD ["nginx", "-g", "daemon off;"]
