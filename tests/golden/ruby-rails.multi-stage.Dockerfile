FROM ruby:3.3 AS builder

RUN apt-get update -qq && apt-get install -y --no-install-recommends build-essential libpq-dev nodejs libvips && rm -rf /var/lib/apt/lists/*

WORKDIR /rails

COPY Gemfile Gemfile.lock ./
ENV BUNDLE_WITHOUT="development:test"
RUN bundle install
RUN rm -rf /usr/local/bundle/cache /usr/local/bundle/ruby/*/cache

COPY . .
RUN SECRET_KEY_BASE_DUMMY=1 bundle exec rails assets:precompile

FROM ruby:3.3-slim
ENV RAILS_ENV=production
ENV BUNDLE_WITHOUT="development:test"
RUN apt-get update \
    && apt-get install -y --no-install-recommends libvips libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /rails
COPY --from=builder /usr/local/bundle /usr/local/bundle
COPY --from=builder /rails /rails
EXPOSE 3000
CMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]
