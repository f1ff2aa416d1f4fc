FROM openjdk:11-jdk-slim as builder
WORKDIR /app/source
COPY . /app/source
RUN ./mvnw clean package
# A Java runtime with the Java SE modules for the runtime stage (jdeps --print-module-deps lists the jar's own, often fewer)
RUN jlink --add-modules java.se,jdk.unsupported,jdk.crypto.ec --strip-debug --no-man-pages --no-header-files --compress=2 --output /opt/jre

FROM debian:trixie-slim
ENV JAVA_HOME=/opt/jre \
    PATH="/opt/jre/bin:$PATH"
COPY --from=builder /opt/jre /opt/jre
WORKDIR /app/source
COPY --from=builder /app/source/target/*.jar /app/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
