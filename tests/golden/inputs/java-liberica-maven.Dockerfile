# Another vendor's JDK (BellSoft Liberica 25 on Debian), built and run in one stage.
FROM bellsoft/liberica-openjdk-debian:25
WORKDIR /app
COPY . /app
RUN ./mvnw -B clean package -DskipTests
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/target/app.jar"]
