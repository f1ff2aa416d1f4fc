FROM node:14.17.3-alpine3.14 AS builder

WORKDIR /usr/src/app

COPY package.json package-lock.json ./
RUN npm ci
RUN npm prune --production
COPY ./server.js ./

FROM node:14.17.3-alpine3.14
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app /usr/src/app
CMD ["npm","start"]
