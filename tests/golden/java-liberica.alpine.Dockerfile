# Another vendor's JDK (BellSoft Liberica 25 on Debian), built and run in one stage.
FROM bellsoft/liberica-openjdk-debian:25 AS builder
WORKDIR /app
COPY . /app
RUN ./mvnw -B clean package -DskipTests

FROM eclipse-temurin:25-jre-alpine
WORKDIR /app
COPY --from=builder /app/target/*.jar /app/target/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/target/app.jar"]
