FROM gradle:8.10-jdk21 AS build
WORKDIR /home/gradle/src
COPY --chown=gradle:gradle . .
RUN gradle bootJar --no-daemon
# A Java runtime with the Java SE modules for the runtime stage (jdeps --print-module-deps lists the jar's own, often fewer)
RUN jlink --add-modules java.se,jdk.unsupported,jdk.crypto.ec --strip-debug --no-man-pages --no-header-files --compress=zip-6 --output /opt/jre

FROM debian:trixie-slim
ENV JAVA_HOME=/opt/jre \
    PATH="/opt/jre/bin:$PATH"
COPY --from=build /opt/jre /opt/jre
WORKDIR /app
COPY --from=build /home/gradle/src/build/libs/*.jar /app/app.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
