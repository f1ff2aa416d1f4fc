FROM mcr.microsoft.com/dotnet/sdk:8.0 AS builder
WORKDIR /src

# Restore as a separate layer
COPY MyApi/MyApi.csproj MyApi/
RUN dotnet restore MyApi/MyApi.csproj

COPY . .
RUN dotnet publish MyApi/MyApi.csproj -c Release -o /app/publish

FROM mcr.microsoft.com/dotnet/aspnet:8.0
ENV ASPNETCORE_URLS=http://+:8080
WORKDIR /app/publish
COPY --from=builder /app/publish /app/publish
EXPOSE 8080
ENTRYPOINT ["dotnet", "MyApi.dll"]
