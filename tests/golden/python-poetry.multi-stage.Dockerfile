FROM python:3.11-bookworm AS builder

ENV POETRY_VERSION=1.8.3 \
    POETRY_NO_INTERACTION=1

RUN pip install "poetry==$POETRY_VERSION"

WORKDIR /code
COPY pyproject.toml poetry.lock ./
# Install the dependencies into a virtual environment the runtime stage copies
RUN python3 -m venv /opt/venv
ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
RUN poetry install --only main --no-root

COPY . .
RUN poetry install --only main

FROM python:3.11-slim-bookworm
ENV VIRTUAL_ENV=/opt/venv \
    PATH="/opt/venv/bin:$PATH"
WORKDIR /code
COPY --from=builder /opt/venv /opt/venv
COPY --from=builder /code /code
EXPOSE 8000
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000"]
