FROM node:alpine AS builder

RUN apk add --no-cache git
RUN git clone --branch master --depth 1 https://github.com/hugomd/parrot.live.git /src
WORKDIR /src
RUN npm install
RUN npm prune --omit=dev

FROM node:alpine
WORKDIR /src
COPY --from=builder /src /src
CMD ["node","index.js"]
