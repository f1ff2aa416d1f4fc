FROM mcr.microsoft.com/dotnet/sdk:8.0
WORKDIR /src

# Restore as a separate layer
COPY MyApi/MyApi.csproj MyApi/
RUN dotnet restore MyApi/MyApi.csproj

COPY . .
RUN dotnet publish MyApi/MyApi.csproj -c Release -o /app/publish

WORKDIR /app/publish
ENV ASPNETCORE_URLS=http://+:8080
EXPOSE 8080
ENTRYPOINT ["dotnet", "MyApi.dll"]
