FROM openjdk:11-jdk-slim as builder
WORKDIR /app/source
COPY . /app/source
RUN ./mvnw clean package

FROM eclipse-temurin:11-jre
WORKDIR /app/source
COPY --from=builder /app/source/target/*.jar /app/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
