FROM ruby:3.2-alpine AS builder
RUN apk add --no-cache build-base
WORKDIR /app
COPY Gemfile Gemfile.lock ./
RUN bundle config set --local without 'development test' && bundle install --jobs 4
RUN rm -rf /usr/local/bundle/cache /usr/local/bundle/ruby/*/cache
COPY . .
RUN adduser -D app

FROM ruby:3.2-alpine
RUN adduser -D app
WORKDIR /app
COPY --from=builder /usr/local/bundle /usr/local/bundle
COPY --from=builder /app /app
USER app
EXPOSE 4567
CMD ["bundle", "exec", "ruby", "app.rb", "-o", "0.0.0.0"]
