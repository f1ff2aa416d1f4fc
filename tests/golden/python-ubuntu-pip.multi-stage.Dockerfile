FROM ubuntu:22.04 AS builder
RUN apt-get update && apt-get install -y python3 python3-pip build-essential python3-dev libpq-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip3 install --no-cache-dir -r requirements.txt
COPY . .

FROM ubuntu:22.04
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=builder /usr/local /usr/local
COPY --from=builder /app /app
EXPOSE 8000
CMD ["python3", "app.py"]
