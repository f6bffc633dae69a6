using WestmontTextLine.Storage;

namespace WestmontTextLine.Hosting;

/// <summary>
/// Stands for a background worker in the host: builds and starts it once <see cref="WorkerStartSignal"/> says so and the
/// host has started, and stops it with the host. As the host does for a worker it runs itself, a worker that fails is
/// logged and stops the line; one that cannot open the SQLite file because it is no longer at its path is logged and left
/// stopped. A host that fails to start never starts its workers: it is disposed without being stopped, and a worker built
/// on the signal's fallback delay while the refused line was still exiting (a loaded machine) met the disposed services,
/// or was cancelled under it, and was logged as a worker that failed, with a stack trace, after the line's one line.
/// </summary>
public sealed class StartsAfterFirstAnswer<TWorker>(
    IServiceProvider services,
    WorkerStartSignal signal,
    IHostApplicationLifetime lifetime,
    ILogger<StartsAfterFirstAnswer<TWorker>> logger) : IHostedService, IDeferredWorker
    where TWorker : IHostedService
{
    // Never disposed: the host may stop its services after disposing them, and a plain token source holds nothing.
    private readonly CancellationTokenSource _stopping = new();
    private TWorker? _worker;

    public bool Built => Volatile.Read(ref _built);

    private bool _built;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = StartWhenDueAsync();
        return Task.CompletedTask;
    }

    private async Task StartWhenDueAsync()
    {
        var fallback = Task.Delay(signal.FallbackDelay, TimeProvider.System, _stopping.Token);
        await Task.WhenAny(signal.FirstAnswered, fallback).ConfigureAwait(false);
        await Task.WhenAny(HostStarted(), Task.Delay(Timeout.Infinite, _stopping.Token)).ConfigureAwait(false);
        if (_stopping.IsCancellationRequested) return;
        try
        {
            _worker = services.GetRequiredService<TWorker>();
            Volatile.Write(ref _built, true);
            await _worker.StartAsync(_stopping.Token).ConfigureAwait(false);
            if (_worker is BackgroundService { ExecuteTask: { } running }) await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopped with the host.
        }
        catch (Exception ex) when (_stopping.IsCancellationRequested)
        {
            // A stop in the line's first seconds can overtake the build: the host's services are then disposed under it.
            logger.LogInformation("The background worker {Worker} ended as the line stopped ({Fault}).", typeof(TWorker).Name, ex.GetType().Name);
        }
        catch (SqliteFileGoneException gone)
        {
            // As for a file deleted after the workers were built: the line goes on answering from the file it has open,
            // /healthz says what happened, and the operator restarts it. Opening the path anew made an empty database.
            logger.LogError("The background worker {Worker} cannot start: {Problem}. The line goes on without it. {WhatToDo}",
                typeof(TWorker).Name, gone.Problem.What, gone.Problem.WhatToDo);
        }
        catch (Exception ex)
        {
            logger.LogCritical(ex, "The background worker {Worker} failed; the line stops.", typeof(TWorker).Name);
            lifetime.StopApplication();
        }
    }

    // Never completes for a host that fails to start.
    private Task HostStarted()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_worker is not null) await _worker.StopAsync(cancellationToken).ConfigureAwait(false);
    }
}
