# Run HTTPBin in a container
#
# USAGE
# 
# docker run -d \
#	-p 8080:8080 \
#	--name httpbin \
#	jess/httpbin
#

FROM python:3-alpine AS builder

# Install the dependencies into a virtual environment the runtime stage copies
RUN python3 -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
RUN apk add --no-cache --virtual .build-deps \
		build-base \
		libffi-dev \
	&& pip3 install --no-cache-dir  \
		gevent \
		gunicorn \
		httpbin \
	&& apk del .build-deps

FROM python:3-alpine
ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
COPY --from=builder /opt/venv /opt/venv
CMD ["gunicorn", "-b", "0.0.0.0:8080", "httpbin:app", "-k", "gevent"]
