FROM php:8.2-cli AS builder
RUN apt-get update && apt-get install -y git unzip && rm -rf /var/lib/apt/lists/*
COPY --from=composer:2 /usr/bin/composer /usr/local/bin/composer
WORKDIR /app
COPY composer.json composer.lock ./
RUN composer install --no-dev --no-scripts --no-autoloader
COPY . .
RUN composer dump-autoload --optimize && composer install --optimize-autoloader --no-dev

FROM php:8.2-cli-alpine
WORKDIR /app
COPY --from=builder /app /app
ENTRYPOINT ["php", "bin/console"]
CMD ["app:run"]
