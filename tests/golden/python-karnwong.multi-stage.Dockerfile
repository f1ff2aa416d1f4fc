FROM python:3.9-alpine AS builder

WORKDIR /app

# Install the dependencies into a virtual environment the runtime stage copies
RUN python3 -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
RUN pip install requests

FROM python:3.9-alpine
ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
WORKDIR /app
COPY --from=builder /opt/venv /opt/venv
