# Another vendor's JDK (BellSoft Liberica 25 on Debian), built and run in one stage.
FROM bellsoft/liberica-openjdk-debian:25 AS builder
WORKDIR /app
COPY . /app
RUN ./mvnw -B clean package -DskipTests
# A Java runtime with the Java SE modules for the runtime stage (jdeps --print-module-deps lists the jar's own, often fewer)
RUN jlink --add-modules java.se,jdk.unsupported --strip-java-debug-attributes --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre

FROM debian:trixie-slim
ENV JAVA_HOME=/opt/jre \
    PATH="/opt/jre/bin:$PATH"
COPY --from=builder /opt/jre /opt/jre
WORKDIR /app
COPY --from=builder /app/target/*.jar /app/target/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/target/app.jar"]
